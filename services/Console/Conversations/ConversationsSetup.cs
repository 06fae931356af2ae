namespace Platform.Console.Conversations;

public static class ConversationsSetup
{
    public static IHostApplicationBuilder AddConversations(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddScoped<AgentContext>();
        builder.Services.AddSingleton<MediaTypes>();
        return builder;
    }
}
