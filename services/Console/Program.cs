using Platform.Console.Channels;
using Platform.Console.Conversations;
using Platform.Console.Platform;
using Platform.Console.Sessions;
using Platform.Console.Storage;
using Platform.Console.Users;
using Platform.DurableMessaging;
using Platform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.Services.AddValidation(); // again here: the validation generator only sees request types of a project that calls it
builder.AddServiceDatabase<ConsoleDbContext>("console");
builder.AddPlatformApi();      // the gateway, called server-side with the API key
builder.AddSessions();         // cookie sign-in, roles, anti-forgery
builder.AddUsers();            // people, PBKDF2 hashes, the initial admin
builder.AddConversations();    // the agent's scope over routing, contact and media

var app = builder.Build();
app.MapDefaultEndpoints();
app.UseConsoleAssets();        // wwwroot served as it is under /console
app.UseAuthentication();
app.UseAuthorization();
app.MapSessionsApi();
app.MapUsersApi();
app.MapChannelsApi();
app.MapConversationsApi();
app.Run();
