using Platform.DurableMessaging;
using Platform.Egress.Apps;
using Platform.Egress.Conversations;
using Platform.Egress.Outbound;
using Platform.Egress.Persistence;
using Platform.Egress.Profiles;
using Platform.Messaging;
using Platform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddServiceDatabase<EgressDbContext>("egress");
builder.Services.AddValidation(); // again here: the validation generator only sees request types of a project that calls it
builder.AddMessaging("Egress", bus =>
{
    bus.SetPostgresSagaRepositoryProvider<EgressDbContext>();
    bus.AddPostgresOutbox<EgressDbContext>(outbox => outbox.UseBusOutbox());
    bus.AddPostgresMessageScheduler<EgressDbContext>("egress-scheduler");
    bus.AddSinchApps();
    bus.AddOutboundMessages(builder.Configuration.GetConnectionString("egress")!);
    bus.AddConsumer<FetchChannelProfileConsumer>();
    bus.AddConsumer<StopSinchConversationConsumer>();
});

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapAppsApi();
app.MapOutboundMessagesApi();
app.Run();
