using System.Security.Cryptography;
using System.Text;
using Platform.Ingress.Callbacks;

namespace Platform.Ingress.Tests.Callbacks;

public class CallbackMessageIdsTests
{
    [Fact]
    public void Id_is_the_first_16_bytes_of_sha256_marked_as_version_8()
    {
        // Recomputed here from the documented recipe rather than through the code under test.
        var text = "sinch-callback\u001f01JAPP\u001fMESSAGE_INBOUND\u001fabc\u001f";
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text))[..16];
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        var id = CallbackMessageIds.For("01japp", "MESSAGE_INBOUND", "abc", null);
        Assert.Equal(new Guid(hash, bigEndian: true), id);
        Assert.Equal(8, id.Version);
    }

    [Fact]
    public void Parts_cannot_run_into_each_other()
    {
        Assert.NotEqual(CallbackMessageIds.For("A", "T", "ab", "c"), CallbackMessageIds.For("A", "T", "a", "bc"));
        Assert.NotEqual(CallbackMessageIds.For("A", "T1", "x"), CallbackMessageIds.For("A", "T2", "x"));
        Assert.NotEqual(CallbackMessageIds.For("A", "T", "x"), CallbackMessageIds.For("B", "T", "x"));
    }
}
