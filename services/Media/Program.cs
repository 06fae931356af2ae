using Platform.DurableMessaging;
using Platform.Media.Access;
using Platform.Media.Downloads;
using Platform.Media.Erasure;
using Platform.Media.Persistence;
using Platform.Media.Storage;
using Platform.Media.Telemetry;
using Platform.Media.Uploads;
using Platform.Messaging;
using Platform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddServiceDatabase<MediaDbContext>("media");
builder.Services.AddMediaStorage().AddMediaTelemetry();
builder.AddMessaging("Media", bus =>
{
    bus.SetPostgresSagaRepositoryProvider<MediaDbContext>();
    bus.AddPostgresOutbox<MediaDbContext>(outbox => outbox.UseBusOutbox());
    bus.AddPostgresMessageScheduler<MediaDbContext>("media-scheduler");
    bus.AddDownloads();
    bus.AddUploads();
    bus.AddErasure();
});

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapMediaApi();
app.MapUploadsApi();
app.MapPublicLinksApi();
app.Run();
