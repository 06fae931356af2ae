using Platform.Messaging;
using Platform.Persistence;
using Platform.Routing.Persistence;
using Platform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddServiceDatabase<RoutingDbContext>("routing");
builder.AddMessaging("Routing");

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
