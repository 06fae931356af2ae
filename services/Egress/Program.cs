using Platform.Messaging;
using Platform.Persistence;
using Platform.Egress.Persistence;
using Platform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddServiceDatabase<EgressDbContext>("egress");
builder.AddMessaging("Egress");

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
