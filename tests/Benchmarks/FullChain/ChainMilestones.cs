using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using MassTransit;
using Platform.Benchmarks.Support;
using Platform.Contracts;

namespace Platform.Benchmarks.FullChain;

/// <summary>
/// Where a customer message waits: the moment this process saw each step of a conversation's first message on the bus
/// (ingress published it, contact resolved it, routing started the conversation, the bot's reply entered the transcript,
/// egress reported it accepted by the emulator), so the run can print the median time spent between steps.
/// </summary>
internal static class ChainMilestones
{
    public static readonly string[] Steps = ["customer wrote", "ingress published", "contact resolved", "routing started", "bot reply stored", "emulator accepted"];

    private static readonly ConcurrentDictionary<Guid, long[]> Seen = new();

    public static void Mark(Guid conversationId, int step) => MarkAt(conversationId, step, Stopwatch.GetTimestamp());

    public static void MarkAt(Guid conversationId, int step, long timestamp)
    {
        var marks = Seen.GetOrAdd(conversationId, _ => new long[Steps.Length]);
        Interlocked.CompareExchange(ref marks[step], timestamp, 0);
    }

    public static void Clear() => Seen.Clear();

    /// <summary>Median milliseconds from each step to the next, over the conversations that reached the last step.</summary>
    public static void Print()
    {
        var complete = Seen.Values.Where(m => m[0] != 0 && m[^1] != 0).ToList();
        Console.WriteLine($"where the time goes (median ms between steps seen on the bus, {complete.Count} conversations):");
        for (var i = 1; i < Steps.Length; i++)
        {
            var step = i;
            var gaps = complete.Where(m => m[step] != 0 && m[step - 1] != 0)
                .Select(m => Stopwatch.GetElapsedTime(m[step - 1], m[step]).TotalMilliseconds).Order().ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {Steps[step - 1],-18} -> {Steps[step],-18} p50 {ClosedLoop.Percentile(gaps, 0.5),8:F1}  p99 {ClosedLoop.Percentile(gaps, 0.99),8:F1}"));
        }
    }

    /// <summary>Records the steps from the events every service publishes anyway.</summary>
    internal sealed class Observer :
        IConsumer<InboundMessageReceived>,
        IConsumer<ContactResolved>,
        IConsumer<ConversationStarted>,
        IConsumer<TranscriptEntryAdded>
    {
        public Task Consume(ConsumeContext<InboundMessageReceived> context)
        {
            if (context.Message.SinchConversationId is { } sinch)
            {
                Mark(CorrelationIds.ForSinchConversation(sinch), 1);
            }

            return Task.CompletedTask;
        }

        public Task Consume(ConsumeContext<ContactResolved> context)
        {
            if (context.Message.SinchConversationId is { } sinch)
            {
                Mark(CorrelationIds.ForSinchConversation(sinch), 2);
            }

            return Task.CompletedTask;
        }

        public Task Consume(ConsumeContext<ConversationStarted> context)
        {
            Mark(context.Message.ConversationId, 3);
            return Task.CompletedTask;
        }

        public Task Consume(ConsumeContext<TranscriptEntryAdded> context)
        {
            if (context.Message.Author == "bot")
            {
                Mark(context.Message.ConversationId, 4);
            }

            return Task.CompletedTask;
        }
    }
}
