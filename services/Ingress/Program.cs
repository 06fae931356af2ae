using Platform.Ingress.SinchApps;
using Platform.Ingress.Webhooks;
using Platform.Messaging;
using Platform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddMessaging("Ingress", bus => bus.AddSinchApps(builder.Configuration));
builder.AddSinchWebhooks();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapSinchWebhooks();
app.Run();
