using Platform.Contact.Contacts;
using Platform.Contact.Persistence;
using Platform.DurableMessaging;
using Platform.Messaging;
using Platform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddServiceDatabase<ContactDbContext>("contact");
builder.AddMessaging("Contact", bus =>
{
    bus.SetPostgresSagaRepositoryProvider<ContactDbContext>();
    bus.AddPostgresOutbox<ContactDbContext>(outbox => outbox.UseBusOutbox());
    bus.AddPostgresMessageScheduler<ContactDbContext>("contact-scheduler");
    bus.AddContacts();
});

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapContactsApi();
app.Run();
