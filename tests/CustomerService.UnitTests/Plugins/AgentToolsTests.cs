using System.ComponentModel;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using CustomerService.Abstractions.Customers;
using CustomerService.Abstractions.Tickets;
using CustomerService.Plugins;
using CustomerService.Plugins.Handoff;
using CustomerService.Plugins.Tagging;
using CustomerService.Plugins.Tickets;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerService.UnitTests.Plugins;

public sealed partial class AgentToolsTests
{
    private static readonly Type[] PluginTypes = [typeof(TaggingPlugin), typeof(TicketPlugin), typeof(HandoffPlugin)];

    private static IEnumerable<MethodInfo> ToolMethods =>
        PluginTypes.SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly));

    [GeneratedRegex("customer|conversation|channel|user|session|tenant|id$", RegexOptions.IgnoreCase)]
    private static partial Regex IdentityLike();

    [Fact]
    public void No_plugin_method_lets_the_model_choose_whose_data_it_touches()
    {
        var offending = ToolMethods
            .SelectMany(m => m.GetParameters().Where(p => IdentityLike().IsMatch(p.Name!)).Select(p => $"{m.DeclaringType!.Name}.{m.Name}({p.Name})"));

        Assert.Empty(offending);
    }

    [Fact]
    public void Every_plugin_method_and_parameter_is_described_and_takes_a_cancellation_token_last()
    {
        foreach (var method in ToolMethods)
        {
            Assert.False(string.IsNullOrWhiteSpace(method.GetCustomAttribute<DescriptionAttribute>()?.Description), method.Name);
            var parameters = method.GetParameters();
            Assert.Equal(typeof(CancellationToken), parameters[^1].ParameterType);
            Assert.All(parameters[..^1], p => Assert.False(string.IsNullOrWhiteSpace(p.GetCustomAttribute<DescriptionAttribute>()?.Description), $"{method.Name}({p.Name})"));
        }
    }

    [Fact]
    public async Task The_tools_have_snake_case_names_and_the_descriptions_and_schemas_of_their_methods()
    {
        await using var host = await PluginHost.StartAsync();
        var functions = host.Get<AgentTools>().Functions;

        Assert.Equal(["add_tag", "remove_tag", "create_ticket", "request_human"], functions.Select(f => f.Name));
        Assert.Equal(functions, host.Services.GetServices<AIFunction>());
        Assert.Equal(ToolMethods.Count(), functions.Count);
        foreach (var function in functions)
        {
            var method = function.UnderlyingMethod!;
            Assert.Equal(method.GetCustomAttribute<DescriptionAttribute>()!.Description, function.Description);
            var properties = function.JsonSchema.GetProperty("properties");
            var described = method.GetParameters().Where(p => p.ParameterType != typeof(CancellationToken)).ToArray();
            Assert.Equal(described.Select(p => p.Name), properties.EnumerateObject().Select(p => p.Name));
            foreach (var parameter in described)
            {
                var property = properties.GetProperty(parameter.Name!);
                Assert.Equal("string", property.GetProperty("type").GetString());
                Assert.Equal(parameter.GetCustomAttribute<DescriptionAttribute>()!.Description, property.GetProperty("description").GetString());
            }
        }
    }

    [Fact]
    public async Task The_create_ticket_schema_names_question_category_and_urgency_and_the_allowed_urgencies()
    {
        await using var host = await PluginHost.StartAsync();
        var schema = Tool(host, "create_ticket").JsonSchema.GetRawText();

        Assert.Contains("\"question\"", schema, StringComparison.Ordinal);
        Assert.Contains("\"category\"", schema, StringComparison.Ordinal);
        Assert.Contains("one of low, normal, high, urgent", schema, StringComparison.Ordinal);
        Assert.DoesNotContain("cancellationToken", schema, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_model_tool_call_files_the_ticket_for_the_context_customer_whatever_ids_it_passes()
    {
        await using var host = await PluginHost.StartAsync();
        using var turn = host.Begin();
        // As a model sends them: JSON values, plus ids a prompt injection might smuggle in.
        var arguments = JsonSerializer.Deserialize<Dictionary<string, object?>>(
            """{"question":"快递一周没更新","category":"物流","urgency":"urgent","customerId":"cust-mallory","conversation_id":"conv-mallory"}""")!;

        var result = await Tool(host, "create_ticket").InvokeAsync(new AIFunctionArguments(arguments));

        var ticket = Assert.Single(await host.Get<ITicketStore>().ListByCustomerAsync("cust-alice"));
        Assert.Equal(("conv-alice-1", "物流", TicketUrgency.Urgent), (ticket.ConversationId, ticket.Category, ticket.Urgency));
        Assert.Empty(await host.Get<ITicketStore>().ListByCustomerAsync("cust-mallory"));
        Assert.Contains(ticket.Id, result?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tool_calls_reach_the_sqlite_stores_end_to_end()
    {
        await using var host = await PluginHost.StartAsync();
        using var turn = host.Begin();

        await Tool(host, "add_tag").InvokeAsync(new AIFunctionArguments { ["tag"] = "售后咨询" });
        await Tool(host, "add_tag").InvokeAsync(new AIFunctionArguments { ["tag"] = "VIP意向" });
        await Tool(host, "remove_tag").InvokeAsync(new AIFunctionArguments { ["tag"] = "VIP意向" });
        var handoff = await Tool(host, "request_human").InvokeAsync(new AIFunctionArguments { ["reason"] = "客户要求", ["summary"] = "要求退款" });

        Assert.Equal(["售后咨询"], (await host.Get<ICustomerTags>().ListAsync("cust-alice")).Select(t => t.Tag));
        Assert.Contains(HandoffPlugin.CustomerNotice, handoff?.ToString(), StringComparison.Ordinal);
        Assert.Equal(2, host.Events.Of<TagAdded>().Count);
    }

    [Fact]
    public async Task A_tool_call_outside_a_turn_returns_the_error_text()
    {
        await using var host = await PluginHost.StartAsync();

        var result = await Tool(host, "add_tag").InvokeAsync(new AIFunctionArguments { ["tag"] = "售后咨询" });

        Assert.StartsWith("Error:", result?.ToString(), StringComparison.Ordinal);
    }

    private static AIFunction Tool(PluginHost host, string name) => host.Get<AgentTools>().Functions.Single(f => f.Name == name);
}
