using Platform.Messaging;
using Platform.Persistence;
using Platform.Egress.Persistence;
using Platform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddServiceDatabase<EgressDbContext>("egress");
builder.AddMessaging("Egress", bus =>
{
    bus.SetPostgresSagaRepositoryProvider<EgressDbContext>();
    bus.AddPostgresOutbox<EgressDbContext>(outbox => outbox.UseBusOutbox());
    bus.AddPostgresMessageScheduler<EgressDbContext>("egress-scheduler");
});

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
