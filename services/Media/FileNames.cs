namespace Platform.Media;

/// <summary>File names from senders, made safe to store and to put in a Content-Disposition header.</summary>
public static class FileNames
{
    public static string? Clean(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var file = Path.GetFileName(name.Replace('\\', '/').Trim().Trim('"'));
        var cleaned = new string([.. file.Where(c => !char.IsControl(c) && c is not '/' and not '\\')]).Trim();
        if (cleaned.Length == 0 || cleaned is "." or "..")
        {
            return null;
        }

        return cleaned.Length <= 200 ? cleaned : cleaned[^200..];
    }
}
