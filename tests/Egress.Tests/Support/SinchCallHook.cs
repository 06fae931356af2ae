using System.Collections.Concurrent;

namespace Platform.Egress.Tests.Support;

/// <summary>
/// Sits between egress and Sinch in tests: can fail a <c>messages:send</c> after Sinch accepted it (a replica dying
/// between the call and its commit), or hold Sinch's answer back until a condition holds (a report that beats the send).
/// Keyed by the <c>message_metadata</c> of the send, i.e. the outbound id.
/// </summary>
public sealed class SinchCallHook : DelegatingHandler
{
    private readonly ConcurrentDictionary<string, bool> _crashAfterSend = new();
    private readonly ConcurrentDictionary<string, Func<string, Task>> _holdAnswer = new();

    public void CrashOnceAfterSend(Guid outboundMessageId) => _crashAfterSend[outboundMessageId.ToString("N")] = true;

    /// <summary>The function gets Sinch's message id and returns when the answer may go back to egress.</summary>
    public void HoldAnswer(Guid outboundMessageId, Func<string, Task> until) => _holdAnswer[outboundMessageId.ToString("N")] = until;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        var response = await base.SendAsync(request, cancellationToken);
        if (!request.RequestUri!.AbsolutePath.EndsWith("messages:send", StringComparison.Ordinal) || !response.IsSuccessStatusCode)
        {
            return response;
        }

        var metadata = System.Text.Json.Nodes.JsonNode.Parse(body)?["message_metadata"]?.GetValue<string>() ?? "";
        if (_crashAfterSend.TryRemove(metadata, out _))
        {
            response.Dispose();
            throw new InvalidOperationException("Simulated crash after Sinch accepted the send.");
        }

        if (_holdAnswer.TryRemove(metadata, out var until))
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            var answer = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            await until(answer?["message_id"]?.GetValue<string>() ?? "");
        }

        return response;
    }
}
