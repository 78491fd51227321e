using CustomerService.Core.BusinessHours;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

public static class BusinessHoursExtensions
{
    /// <summary>
    /// Business hours per channel and the after-hours offer that replaces a hand-off. The policy that files the
    /// message left is registered with the other policies, where its place in their order is visible.
    /// </summary>
    public static IServiceCollection AddBusinessHours(this IServiceCollection services)
    {
        services.AddOptions<BusinessHoursOptions>().BindConfiguration(BusinessHoursOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BusinessHoursOptions>, BusinessHoursOptionsValidator>();
        services.AddSingleton<BusinessCalendar>();
        services.AddSingleton<AfterHoursHandoff>();
        return services;
    }
}
