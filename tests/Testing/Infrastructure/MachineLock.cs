namespace Platform.Testing.Infrastructure;

/// <summary>
/// A lock shared by every process on the machine: an exclusively opened file (.NET takes an advisory <c>flock</c> for
/// <see cref="FileShare.None"/> on Unix). Released when disposed, and by the kernel when the process dies.
/// </summary>
internal static class MachineLock
{
    public static async Task<IDisposable> AcquireAsync(string path)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100));
            }
        }
    }
}
