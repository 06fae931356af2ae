using Platform.Messaging;
using Platform.Persistence;
using Platform.Media.Persistence;
using Platform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddServiceDatabase<MediaDbContext>("media");
builder.AddMessaging("Media");

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
