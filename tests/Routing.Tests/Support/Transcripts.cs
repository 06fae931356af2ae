using Platform.Routing.Conversations;
using Platform.Testing;

namespace Platform.Routing.Tests.Support;

/// <summary>Reads conversations and transcripts through routing's API.</summary>
public static class Transcripts
{
    public static Task<ConversationResponse> ConversationAsync(this RoutingService routing, Guid id) =>
        routing.GetAsync<ConversationResponse>($"/api/routing/conversations/{id}");

    public static async Task<IReadOnlyList<TranscriptEntryResponse>> TranscriptAsync(this RoutingService routing, Guid id) =>
        (await routing.GetAsync<Page<TranscriptEntryResponse>>($"/api/routing/conversations/{id}/transcript?pageSize=500")).Items;

    public static Task<IReadOnlyList<TranscriptEntryResponse>> WaitForTranscriptAsync(
        this RoutingService routing, Guid id, Func<IReadOnlyList<TranscriptEntryResponse>, bool> accept, string what) =>
        Eventually.ReturnsAsync(async () =>
        {
            try
            {
                return await routing.TranscriptAsync(id);
            }
            catch (HttpRequestException)
            {
                return [];
            }
        }, accept, what);

    public static Task<ConversationResponse> WaitForStateAsync(this RoutingService routing, Guid id, string state) =>
        Eventually.ReturnsAsync(() => routing.ConversationAsync(id), c => c.State == state, $"conversation {id} is {state}");
}
