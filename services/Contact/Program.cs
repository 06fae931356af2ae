using Platform.Messaging;
using Platform.Persistence;
using Platform.Contact.Persistence;
using Platform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddServiceDatabase<ContactDbContext>("contact");
builder.AddMessaging("Contact");

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
