using System.Reflection;
using Platform.Benchmarks;

// Usage: dotnet run -c Release --project tests/Benchmarks -- <name> [args]   (no name: list them)
var benchmarks = Assembly.GetExecutingAssembly().GetTypes()
    .Where(t => typeof(IBenchmark).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
    .Select(t => (IBenchmark)Activator.CreateInstance(t)!)
    .OrderBy(b => b.Name, StringComparer.Ordinal)
    .ToList();

var selected = args.Length == 0 ? null : benchmarks.FirstOrDefault(b => b.Name == args[0]);
if (selected is null)
{
    Console.WriteLine("Benchmarks:");
    foreach (var b in benchmarks)
    {
        Console.WriteLine($"  {b.Name,-20} {b.Description}");
    }

    return args.Length == 0 ? 0 : 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
await selected.RunAsync(args[1..], cancel.Token);
return 0;
