using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace CustomerService.Embedded.Knowledge;

/// <summary>
/// Symmetric int8 scalar quantisation with one scale per vector (max |x| ↦ 127): a quarter of the
/// memory traffic of float32, which is what bounds a brute-force scan. Used only to pick candidates;
/// their final scores are computed in float32.
/// </summary>
internal static class VectorInt8
{
    /// <summary>Writes the codes and returns the scale (<c>x ≈ code × scale</c>) and the L1 norm of the dequantised vector.</summary>
    public static (float Scale, float L1) Quantize(ReadOnlySpan<float> source, Span<sbyte> codes)
    {
        var max = Math.Abs(TensorPrimitives.MaxMagnitude(source));
        if (!(max > 0))
        {
            codes.Clear();
            return (0, 0);
        }

        var inverse = 127f / max;
        var l1 = 0;
        for (var i = 0; i < source.Length; i++)
        {
            var code = (sbyte)Math.Clamp(MathF.Round(source[i] * inverse), -127f, 127f);
            codes[i] = code;
            l1 += Math.Abs(code);
        }

        var scale = max / 127f;
        return (scale, l1 * scale);
    }

    /// <summary>
    /// How far the true dot product of x and q can lie above the quantised one: each code is off by at
    /// most half its scale, so x·q − x̂·q̂ = (x − x̂)·q + x̂·(q − q̂) ≤ ½s_x‖q‖₁ + ½s_q‖x̂‖₁.
    /// </summary>
    public static float ErrorBound(float rowScale, float rowL1, float queryScale, float queryL1) =>
        0.5f * (rowScale * queryL1 + queryScale * rowL1) + 1e-4f; // + float rounding of both sides

    /// <summary>The integer dot product of a row of codes with a query whose codes were widened to 16 bits.</summary>
    public static int Dot(ReadOnlySpan<sbyte> row, ReadOnlySpan<short> query)
    {
        ref var r = ref MemoryMarshal.GetReference(row);
        ref var q = ref MemoryMarshal.GetReference(query);
        var length = (nuint)row.Length;
        nuint i = 0;
        var sum = 0;
        if (Avx2.IsSupported && length >= 32)
        {
            // vpmovsxbw + vpmaddwd: 32 products and their pairwise sums per step, no overflow (|x| ≤ 127).
            var acc = Vector256<int>.Zero;
            for (; i + 32 <= length; i += 32)
            {
                var (lower, upper) = Vector256.Widen(Vector256.LoadUnsafe(ref r, i));
                acc += Avx2.MultiplyAddAdjacent(lower, Vector256.LoadUnsafe(ref q, i));
                acc += Avx2.MultiplyAddAdjacent(upper, Vector256.LoadUnsafe(ref q, i + 16));
            }

            sum = Vector256.Sum(acc);
        }
        else if (Vector128.IsHardwareAccelerated && length >= 16)
        {
            var acc = Vector128<int>.Zero;
            for (; i + 16 <= length; i += 16)
            {
                var (lower, upper) = Vector128.Widen(Vector128.LoadUnsafe(ref r, i));
                acc += Products(lower, Vector128.LoadUnsafe(ref q, i)) + Products(upper, Vector128.LoadUnsafe(ref q, i + 8));
            }

            sum = Vector128.Sum(acc);
        }

        for (; i < length; i++)
        {
            sum += Unsafe.Add(ref r, i) * Unsafe.Add(ref q, i);
        }

        return sum;
    }

    private static Vector128<int> Products(Vector128<short> left, Vector128<short> right)
    {
        var product = left * right; // |x·y| ≤ 127² fits in 16 bits
        var (lower, upper) = Vector128.Widen(product);
        return lower + upper;
    }
}
