namespace CustomerService.KnowledgeBenchmarks;

internal static class KnowledgeBenchmarkApp
{
    public static int Main() => 0; // replaced by the harness
}
