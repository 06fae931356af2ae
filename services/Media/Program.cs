using Platform.Messaging;
using Platform.Persistence;
using Platform.Media.Persistence;
using Platform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddServiceDatabase<MediaDbContext>("media");
builder.AddMessaging("Media", bus =>
{
    bus.SetPostgresSagaRepositoryProvider<MediaDbContext>();
    bus.AddPostgresOutbox<MediaDbContext>(outbox => outbox.UseBusOutbox());
    bus.AddPostgresMessageScheduler<MediaDbContext>("media-scheduler");
});

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
