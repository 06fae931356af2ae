using Platform.Messaging;
using Platform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddMessaging("Ingress");

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
