using System.Text;
using Platform.Ingress.Webhooks;

namespace Platform.Ingress.Tests.Webhooks;

public class SinchSignatureTests
{
    // docs/sinch-wire-format.md §13.3, verbatim: 656 bytes, no trailing newline.
    private const string VectorBody = """{"app_id":"01HQ7ZK3M4V8N2B6C9D0E1F2G3","accepted_time":"2025-03-14T09:26:53.589Z","event_time":"2025-03-14T09:26:52Z","project_id":"5b1f3c2e-8d4a-4e6b-9f7a-2c3d4e5f6a7b","message":{"id":"01HQ7ZM8XW2P5R7T9V1X3Z5B7D","direction":"TO_APP","contact_message":{"text_message":{"text":"Hi, I need help with order 4711"}},"channel_identity":{"channel":"WHATSAPP","identity":"46701234567","app_id":""},"conversation_id":"01HQ7ZM8Y0A2C4E6G8J0L2N4Q6","contact_id":"01HQ7ZM8Y1B3D5F7H9K1M3P5R7","metadata":"","accept_time":"2025-03-14T09:26:53.571Z","sender_id":"46709876543","processing_mode":"CONVERSATION","injected":false},"message_metadata":"","correlation_id":""}""";
    private const string VectorSecret = "s3cr3t-webhook-key-2025";
    private const string VectorNonce = "01JPB4T7Z0Q8W6E4R2T0Y8U6I4";
    private const string VectorTimestamp = "1741944413";
    private const string VectorSignature = "P07Y05VHDLNxXfDL4r2LPGqS6aabmqyzhBfQfQ6A2M8=";
    private const string VectorSignatureWithNewline = "ZKL/DEojWmh9xKqJg6yqvImKIKfcdMNFL7KXYOEXxEY=";

    // Computed on this machine with both
    //   python3 -c "hmac.new(secret.encode(), body + b'.' + nonce + b'.' + ts, hashlib.sha256)" | base64
    //   { cat body; printf '.NONCE.TS'; } | openssl dgst -sha256 -hmac SECRET -binary | base64
    // which agreed on every value below.
    private const string Utf8Body = """{"app_id":"01JAPP7Q9M2K4W6X8Y0Z1B3C5D","message":{"id":"01JMSGUNICODE0000000000000","contact_message":{"text_message":{"text":"Hej då — räksmörgås 🦐"}}}}""";
    private const string Utf8Secret = "nyckel-åäö-🔑";
    private const string Utf8Nonce = "01JNONCE00000000000000000A";
    private const string Utf8Timestamp = "1760000000";
    private const string Utf8Signature = "iWRCXkh1WwEHx0t+9Ojx5re8Kzfsl+8B9gZ1g7yn5W0=";
    private const string TinySignature = "5BZBWOvddoE7yfgvrAosvFMU5RNeIx5EVjtmfuzSA8A="; // body "{}", secret "x", nonce "n", timestamp "0"

    // docs/sinch-wire-format.md §13.3's second vector, from the official .NET SDK's unit test; also re-checked with OpenSSL here.
    private const string SdkSignature = "6bpJoRmFoXVjfJIVglMoJzYXxnoxRujzR4k2GOXewOE=";

    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    private static DateTimeOffset At(string timestamp) => DateTimeOffset.FromUnixTimeSeconds(long.Parse(timestamp, System.Globalization.CultureInfo.InvariantCulture));

    private static byte[] Key(string secret) => Encoding.UTF8.GetBytes(secret);

    [Fact]
    public void Vector_body_is_the_656_bytes_the_vector_was_computed_over()
    {
        var bytes = Encoding.UTF8.GetBytes(VectorBody);
        Assert.Equal(656, bytes.Length);
        Assert.Equal("10e7b7843421b8f3a7f93bcfd628e4838f41299b35343bd32f2261e0e35b6e61",
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)));
    }

    [Theory]
    [InlineData(VectorBody, VectorSecret, VectorNonce, VectorTimestamp, VectorSignature)]
    [InlineData(VectorBody + "\n", VectorSecret, VectorNonce, VectorTimestamp, VectorSignatureWithNewline)]
    [InlineData(CallbackSamples.ContactCreate, "foo_secret1234", "01FJA8B4A7BM43YGWSG9GBV067", "1634579353", SdkSignature)]
    [InlineData(Utf8Body, Utf8Secret, Utf8Nonce, Utf8Timestamp, Utf8Signature)]
    [InlineData("{}", "x", "n", "0", TinySignature)]
    public void Signature_matches_independently_computed_vector(string body, string secret, string nonce, string timestamp, string expected)
    {
        Assert.Equal(expected, SinchSignature.Sign(Encoding.UTF8.GetBytes(body), Key(secret), nonce, timestamp));
        Assert.Equal(expected, TestSigner.Sign(Encoding.UTF8.GetBytes(body), secret, nonce, timestamp));
    }

    [Fact]
    public void Documented_vector_verifies_at_its_own_time()
    {
        var result = SinchSignature.Verify(Encoding.UTF8.GetBytes(VectorBody), Key(VectorSecret), VectorSignature,
            VectorNonce, VectorTimestamp, "HmacSHA256", At(VectorTimestamp), Tolerance);
        Assert.Equal(SignatureResult.Valid, result);
    }

    [Fact]
    public void Body_with_a_trailing_newline_does_not_verify_against_the_original_signature()
    {
        var result = SinchSignature.Verify(Encoding.UTF8.GetBytes(VectorBody + "\n"), Key(VectorSecret), VectorSignature,
            VectorNonce, VectorTimestamp, "HmacSHA256", At(VectorTimestamp), Tolerance);
        Assert.Equal(SignatureResult.Mismatch, result);
    }

    [Theory]
    [InlineData("s3cr3t-webhook-key-2026", VectorNonce, VectorTimestamp)] // wrong secret
    [InlineData(VectorSecret, "01JPB4T7Z0Q8W6E4R2T0Y8U6I5", VectorTimestamp)] // other nonce
    [InlineData(VectorSecret, VectorNonce, "1741944414")] // other timestamp
    public void Any_change_to_secret_nonce_or_timestamp_is_a_mismatch(string secret, string nonce, string timestamp)
    {
        var result = SinchSignature.Verify(Encoding.UTF8.GetBytes(VectorBody), Key(secret), VectorSignature,
            nonce, timestamp, "HmacSHA256", At(VectorTimestamp), Tolerance);
        Assert.Equal(SignatureResult.Mismatch, result);
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("P07Y05VHDLNxXfDL4r2LPGqS6aabmqyzhBfQfQ6A2M8")] // padding removed
    [InlineData("P07Y05VHDLNxXfDL4r2LPGqS6aabmqyzhBfQ")] // truncated
    [InlineData("p07y05vhdlnxxfdl4r2lpgqs6aabmqyzhbfqfq6a2m8=")] // case changed
    public void Malformed_or_altered_signature_header_is_a_mismatch(string signature)
    {
        var result = SinchSignature.Verify(Encoding.UTF8.GetBytes(VectorBody), Key(VectorSecret), signature,
            VectorNonce, VectorTimestamp, "HmacSHA256", At(VectorTimestamp), Tolerance);
        Assert.NotEqual(SignatureResult.Valid, result);
    }

    [Theory]
    [InlineData(null, VectorNonce, VectorTimestamp)]
    [InlineData(VectorSignature, null, VectorTimestamp)]
    [InlineData(VectorSignature, VectorNonce, null)]
    [InlineData("", VectorNonce, VectorTimestamp)]
    public void Missing_header_is_reported_as_missing(string? signature, string? nonce, string? timestamp)
    {
        var result = SinchSignature.Verify(Encoding.UTF8.GetBytes(VectorBody), Key(VectorSecret), signature,
            nonce, timestamp, null, At(VectorTimestamp), Tolerance);
        Assert.Equal(SignatureResult.MissingHeaders, result);
    }

    [Theory]
    [InlineData("1741944413.5")]
    [InlineData("-1741944413")]
    [InlineData("2025-03-14T09:26:53Z")]
    public void Timestamp_that_is_not_unix_seconds_is_malformed(string timestamp)
    {
        var result = SinchSignature.Verify(Encoding.UTF8.GetBytes(VectorBody), Key(VectorSecret), VectorSignature,
            VectorNonce, timestamp, null, At(VectorTimestamp), Tolerance);
        Assert.Equal(SignatureResult.MalformedTimestamp, result);
    }

    [Fact]
    public void Other_algorithm_is_refused_and_a_missing_one_tolerated()
    {
        var body = Encoding.UTF8.GetBytes(VectorBody);
        Assert.Equal(SignatureResult.UnsupportedAlgorithm, SinchSignature.Verify(body, Key(VectorSecret), VectorSignature,
            VectorNonce, VectorTimestamp, "HmacSHA1", At(VectorTimestamp), Tolerance));
        Assert.Equal(SignatureResult.Valid, SinchSignature.Verify(body, Key(VectorSecret), VectorSignature,
            VectorNonce, VectorTimestamp, null, At(VectorTimestamp), Tolerance));
    }

    [Theory]
    [InlineData(300, SignatureResult.Valid)]
    [InlineData(-300, SignatureResult.Valid)]
    [InlineData(301, SignatureResult.StaleTimestamp)]
    [InlineData(-301, SignatureResult.StaleTimestamp)]
    [InlineData(86_400, SignatureResult.StaleTimestamp)]
    public void Timestamp_outside_the_window_either_way_is_stale(int secondsFromSigning, SignatureResult expected)
    {
        var now = At(VectorTimestamp).AddSeconds(secondsFromSigning);
        var result = SinchSignature.Verify(Encoding.UTF8.GetBytes(VectorBody), Key(VectorSecret), VectorSignature,
            VectorNonce, VectorTimestamp, "HmacSHA256", now, Tolerance);
        Assert.Equal(expected, result);
    }
}
