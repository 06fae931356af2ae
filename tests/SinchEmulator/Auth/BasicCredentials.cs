using System.Net.Http.Headers;
using System.Text;

namespace Platform.SinchEmulator.Auth;

internal static class BasicCredentials
{
    public static bool TryParse(string? authorization, out string keyId, out string keySecret)
    {
        keyId = keySecret = "";
        if (!AuthenticationHeaderValue.TryParse(authorization, out var header) ||
            !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) ||
            header.Parameter is null)
        {
            return false;
        }
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                return false;
            }
            keyId = decoded[..colon];
            keySecret = decoded[(colon + 1)..];
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
