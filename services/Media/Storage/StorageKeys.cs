namespace Platform.Media.Storage;

/// <summary>Storage keys are media ids in the <c>N</c> format: 32 hex digits, safe as file names and object keys.</summary>
public static class StorageKeys
{
    public static string For(Guid mediaId) => mediaId.ToString("N");

    public static void Validate(string key)
    {
        if (key is not { Length: >= 4 and <= 64 } || !key.All(char.IsAsciiLetterOrDigit))
        {
            throw new ArgumentException("A storage key is 4 to 64 ASCII letters or digits.", nameof(key));
        }
    }
}
