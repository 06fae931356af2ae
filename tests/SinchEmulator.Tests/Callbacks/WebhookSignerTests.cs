using System.Security.Cryptography;
using System.Text;
using Platform.SinchEmulator.Callbacks;

namespace Platform.SinchEmulator.Tests.Callbacks;

/// <summary>The vectors of docs/sinch-wire-format.md §13.3, verbatim.</summary>
public sealed class WebhookSignerTests
{
    internal const string HandbookBody =
        """
        {"app_id":"01HQ7ZK3M4V8N2B6C9D0E1F2G3","accepted_time":"2025-03-14T09:26:53.589Z","event_time":"2025-03-14T09:26:52Z","project_id":"5b1f3c2e-8d4a-4e6b-9f7a-2c3d4e5f6a7b","message":{"id":"01HQ7ZM8XW2P5R7T9V1X3Z5B7D","direction":"TO_APP","contact_message":{"text_message":{"text":"Hi, I need help with order 4711"}},"channel_identity":{"channel":"WHATSAPP","identity":"46701234567","app_id":""},"conversation_id":"01HQ7ZM8Y0A2C4E6G8J0L2N4Q6","contact_id":"01HQ7ZM8Y1B3D5F7H9K1M3P5R7","metadata":"","accept_time":"2025-03-14T09:26:53.571Z","sender_id":"46709876543","processing_mode":"CONVERSATION","injected":false},"message_metadata":"","correlation_id":""}
        """;

    private const string DotnetSdkBody =
        """
        {"app_id":"","accepted_time":"2021-10-18T17:49:13.813615Z","project_id":"e2df3a34-a71b-4448-9db5-a8d2baad28e4","contact_create_notification":{"contact":{"id":"01FJA8B466Y0R2GNXD78MD9SM1","channel_identities":[{"channel":"SMS","identity":"48123456789","app_id":""}],"display_name":"New Test Contact","email":"new.contact@email.com","external_id":"","metadata":"","language":"EN_US"}},"message_metadata":""}
        """;

    [Fact]
    public void Handbook_body_is_the_656_bytes_the_vector_was_computed_over()
    {
        var body = Encoding.UTF8.GetBytes(HandbookBody);

        Assert.Equal(656, body.Length);
        Assert.Equal("10e7b7843421b8f3a7f93bcfd628e4838f41299b35343bd32f2261e0e35b6e61",
            Convert.ToHexStringLower(SHA256.HashData(body)));
    }

    [Fact]
    public void Signature_matches_the_documented_test_vector()
    {
        var signature = WebhookSigner.Sign(Encoding.UTF8.GetBytes(HandbookBody),
            "s3cr3t-webhook-key-2025", "01JPB4T7Z0Q8W6E4R2T0Y8U6I4", "1741944413");

        Assert.Equal("P07Y05VHDLNxXfDL4r2LPGqS6aabmqyzhBfQfQ6A2M8=", signature);
        Assert.Equal("3f4ed8d395470cb3715df0cbe2bd8b3c6a92e9a69b9aacb38417d07d0e80d8cf",
            Convert.ToHexStringLower(Convert.FromBase64String(signature)));
    }

    [Fact]
    public void A_trailing_newline_changes_the_signature()
    {
        var signature = WebhookSigner.Sign(Encoding.UTF8.GetBytes(HandbookBody + "\n"),
            "s3cr3t-webhook-key-2025", "01JPB4T7Z0Q8W6E4R2T0Y8U6I4", "1741944413");

        Assert.Equal("ZKL/DEojWmh9xKqJg6yqvImKIKfcdMNFL7KXYOEXxEY=", signature);
    }

    [Fact]
    public void Signature_matches_the_dotnet_sdk_test_vector()
    {
        var signature = WebhookSigner.Sign(Encoding.UTF8.GetBytes(DotnetSdkBody),
            "foo_secret1234", "01FJA8B4A7BM43YGWSG9GBV067", "1634579353");

        Assert.Equal("6bpJoRmFoXVjfJIVglMoJzYXxnoxRujzR4k2GOXewOE=", signature);
    }

    [Fact]
    public void Header_names_are_the_ones_sinch_sends()
    {
        Assert.Equal("x-sinch-webhook-signature", WebhookSigner.SignatureHeader);
        Assert.Equal("x-sinch-webhook-signature-nonce", WebhookSigner.NonceHeader);
        Assert.Equal("x-sinch-webhook-signature-timestamp", WebhookSigner.TimestampHeader);
        Assert.Equal("x-sinch-webhook-signature-algorithm", WebhookSigner.AlgorithmHeader);
        Assert.Equal("HmacSHA256", WebhookSigner.Algorithm);
    }
}
