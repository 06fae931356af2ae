namespace Platform.Testing;

/// <summary>The repository's root: the folder holding Platform.sln, found above the running test's or benchmark's binaries.</summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> Found = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Platform.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Platform.sln not found above " + AppContext.BaseDirectory);
    });

    /// <summary>The root's full path; throws when the binaries do not run inside a checkout.</summary>
    public static string Path => Found.Value;
}
