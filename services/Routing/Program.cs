using Platform.DurableMessaging;
using Platform.Messaging;
using Platform.Routing;
using Platform.Routing.Conversations;
using Platform.Routing.Persistence;
using Platform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddServiceDatabase<RoutingDbContext>("routing");
builder.Services.AddValidation(); // again here: the validation generator only sees request types of a project that calls it
builder.AddMessaging("Routing", bus =>
{
    bus.SetPostgresSagaRepositoryProvider<RoutingDbContext>();
    bus.AddPostgresOutbox<RoutingDbContext>(outbox => outbox.UseBusOutbox());
    bus.AddPostgresMessageScheduler<RoutingDbContext>("routing-scheduler");
    bus.AddConversations();
});

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapRoutingApi();
app.Run();
