using Platform.DemoBot;

// A rule-based demo bot for routing's bot connector: greets by name, echoes, shows a choice message, hands off to an
// agent on "agent" and ends on "bye". Routing signs every post; the bot refuses unsigned or stale ones.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddOptions<DemoBotOptions>().BindConfiguration(DemoBotOptions.Section)
    .Validate(o => o.Secret.Length >= 16, "DemoBot:Secret (environment DemoBot__Secret) is required, at least 16 characters.")
    .ValidateOnStart();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<Conversations>();

var app = builder.Build();
app.MapGet("/health", () => TypedResults.Ok("ok"));
app.MapPost("/bot", BotEndpoint.HandleAsync);
app.Run();
