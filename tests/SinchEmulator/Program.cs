using Platform.SinchEmulator.Setup;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    // Started as `dotnet <path>/Platform.SinchEmulator.dll` from anywhere: read the appsettings.json beside the dll.
    ContentRootPath = AppContext.BaseDirectory,
});
builder.Services.AddSinchEmulator();

var app = builder.Build();
app.MapSinchEmulator();
app.Run();
