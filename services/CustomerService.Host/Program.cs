var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddBuildingBlocks();
builder.Services.AddEmbeddings(builder.Configuration);
builder.Services.AddChatClient(builder.Configuration);
builder.Services.AddPlugins();
builder.Services.AddConversationServices();
builder.Services.AddChannels(builder.Configuration);

var app = builder.Build();

app.MapServiceDefaults();
app.MapKnowledgeApi();
app.MapDocumentsApi();
app.MapSearchApi();
app.MapConversationsApi();
app.MapOperationsApi();
app.MapCustomersApi();
app.MapBehaviorEventsApi();
app.MapChannels();

return app.RunOrExplain();
