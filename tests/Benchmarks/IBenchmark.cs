namespace Platform.Benchmarks;

/// <summary>One benchmark: prints its figures to the console. Found by <see cref="Name"/> from the command line.</summary>
internal interface IBenchmark
{
    /// <summary>Command-line name, e.g. <c>outbox</c>.</summary>
    string Name { get; }

    /// <summary>What it measures, for <c>--list</c>.</summary>
    string Description { get; }

    Task RunAsync(string[] args, CancellationToken cancellationToken);
}
