using System.Collections.Concurrent;

namespace Platform.DemoBot;

/// <summary>What the bot remembers, in memory (a demo): conversations it greeted and its last answers by delivery id.</summary>
public sealed class Conversations
{
    private const int Remembered = 10_000;
    private readonly ConcurrentDictionary<Guid, byte> _greeted = new();
    private readonly ConcurrentDictionary<Guid, BotAnswer> _answers = new();

    public BotAnswer AnswerOnce(BotPost post, Func<BotPost, bool, BotAnswer> answer)
    {
        ArgumentNullException.ThrowIfNull(post);
        ArgumentNullException.ThrowIfNull(answer);
        if (_answers.TryGetValue(post.DeliveryId, out var earlier))
        {
            return earlier;
        }

        if (_answers.Count > Remembered)
        {
            _answers.Clear();
            _greeted.Clear();
        }

        var first = _greeted.TryAdd(post.ConversationId, 0);
        return _answers.GetOrAdd(post.DeliveryId, answer(post, first));
    }
}
