using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Platform.Routing.Bots;

/// <summary>The bot could not answer; <see cref="Reason"/> is machine-readable (<c>timeout</c>, <c>http-503</c>, <c>circuit-open</c>, ...).</summary>
public sealed class BotUnavailableException(string reason) : Exception($"The bot did not answer: {reason}")
{
    public string Reason { get; } = reason;
}

/// <summary>
/// Posts one message to a bot, signed (<see cref="BotSignature"/>), with a timeout per attempt, retries with a doubling
/// delay for transient failures, and a circuit breaker per bot. The same delivery id on every attempt lets the bot
/// answer a retried message once.
/// </summary>
public sealed class BotClient(
    HttpClient http, BotCircuitBreakers breakers, IOptions<BotOptions> options, TimeProvider clock, ILogger<BotClient> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<BotResponse> AskAsync(Bot bot, BotRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bot);
        ArgumentNullException.ThrowIfNull(request);
        if (!breakers.TryEnter(bot.Id))
        {
            throw new BotUnavailableException("circuit-open");
        }

        var settings = options.Value;
        var body = JsonSerializer.SerializeToUtf8Bytes(request, Json);
        var reason = "";
        for (var attempt = 1; attempt <= settings.Attempts; attempt++)
        {
            if (attempt > 1)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(settings.RetryDelayMs * Math.Pow(2, attempt - 2)), clock, cancellationToken);
            }

            var (response, failure, retry) = await TryOnceAsync(bot, request.DeliveryId, body, cancellationToken);
            if (response is not null)
            {
                breakers.Succeeded(bot.Id);
                return response;
            }

            reason = failure;
            logger.BotAttemptFailed(bot.Id, attempt, request.ConversationId, failure);
            if (!retry)
            {
                break;
            }
        }

        breakers.Failed(bot.Id);
        throw new BotUnavailableException(reason);
    }

    private async Task<(BotResponse? Response, string Failure, bool Retry)> TryOnceAsync(Bot bot, Guid deliveryId, byte[] body, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(bot.TimeoutSeconds));
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        using var post = new HttpRequestMessage(HttpMethod.Post, bot.Url) { Content = new ByteArrayContent(body) };
        post.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        post.Headers.Add(BotSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        post.Headers.Add(BotSignature.SignatureHeader, BotSignature.Sign(bot.Secret, timestamp, body));
        post.Headers.Add(BotSignature.DeliveryHeader, deliveryId.ToString());
        try
        {
            using var response = await http.SendAsync(post, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                var code = (int)response.StatusCode;
                var transient = code >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;
                return (null, $"http-{code}", transient);
            }

            if (response.StatusCode == HttpStatusCode.NoContent)
            {
                return (new BotResponse(), "", false);
            }

            var answer = await response.Content.ReadFromJsonAsync<BotResponse>(Json, timeout.Token);
            return answer is null ? (null, "empty-answer", false) : (answer, "", false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, "timeout", true);
        }
        catch (HttpRequestException exception)
        {
            return (null, exception.HttpRequestError == HttpRequestError.Unknown ? "unreachable" : exception.HttpRequestError.ToString(), true);
        }
        catch (JsonException)
        {
            return (null, "invalid-answer", false);
        }
    }
}
