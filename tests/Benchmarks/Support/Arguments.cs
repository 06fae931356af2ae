using System.Globalization;

namespace Platform.Benchmarks.Support;

/// <summary>Reads <c>--name value</c> options of a benchmark's command line.</summary>
internal static class Arguments
{
    public static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
