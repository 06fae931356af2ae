using Platform.SinchEmulator.Setup;

// Settings come from appsettings.json in the content root (the working directory: ./platform up and the container
// start it in its own folder; test hosts point it at the project folder).
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSinchEmulator();

var app = builder.Build();
app.MapSinchEmulator();
app.Run();
