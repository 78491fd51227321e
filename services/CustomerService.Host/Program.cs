var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddBuildingBlocks();
builder.Services.AddConversationServices();

var app = builder.Build();

app.MapServiceDefaults();
app.MapKnowledgeApi();
app.MapConversationsApi();
app.MapOperationsApi();
app.MapChannels();

return app.RunOrExplain();
