using Microsoft.Extensions.Options;

namespace CustomerService.Core.Agent.Calibration;

/// <summary>The calibration in force: the model from <c>Agent:CalibrationFile</c>, or none (confidence is the raw similarity).</summary>
public sealed class ConfidenceCalibration(IOptions<AgentOptions> options)
{
    private readonly Lazy<CalibrationModel?> _model = new(() =>
        options.Value.CalibrationFile is { Length: > 0 } path ? CalibrationModel.FromJson(File.ReadAllText(path)) : null);

    public CalibrationModel? Model => _model.Value;

    /// <summary>The confidence to judge an answer by: calibrated when a model is loaded.</summary>
    public double Confidence(double top, double second) => Model?.Map(top, second) ?? top;
}
