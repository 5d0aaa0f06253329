namespace Spaceflights.Modelling;

/// <summary>
/// NumPy's legacy <c>RandomState</c> as far as scikit-learn's <c>train_test_split</c> uses it: the MT19937 generator
/// seeded from an integer (NumPy's <c>mt19937_seed</c>: Matsumoto and Nishimura's <c>init_genrand</c>), its 32-bit
/// outputs, bounded integers by masked rejection (NumPy's <c>random_interval</c>) and <c>permutation</c>. The same seed
/// gives the same numbers as <c>numpy.random.RandomState(seed)</c>.
/// </summary>
internal sealed class LegacyRandomState
{
    private const int StateLength = 624;
    private const int Shift = 397;
    private const uint MatrixA = 0x9908b0df;
    private const uint UpperMask = 0x80000000;
    private const uint LowerMask = 0x7fffffff;

    private readonly uint[] _key = new uint[StateLength];
    private int _position;

    /// <summary>Seeds the generator as <c>numpy.random.RandomState(seed)</c> does.</summary>
    /// <param name="seed">The seed, 0 to 2³² − 1.</param>
    public LegacyRandomState(uint seed)
    {
        _key[0] = seed;
        for (var i = 1; i < StateLength; i++)
        {
            _key[i] = (1812433253u * (_key[i - 1] ^ (_key[i - 1] >> 30))) + (uint)i;
        }

        _position = StateLength;
    }

    /// <summary>The generator's 624 state words (NumPy's <c>get_state()[1]</c> before any draw).</summary>
    public IReadOnlyList<uint> Key => _key;

    /// <summary>Creates the generator scikit-learn's <c>check_random_state(random_state)</c> gives for an integer.</summary>
    /// <param name="randomState">The seed; NumPy accepts 0 to 2³² − 1.</param>
    /// <returns>The seeded generator.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The seed is negative or above 2³² − 1 (NumPy's "Seed must be between 0 and 2**32 - 1").</exception>
    public static LegacyRandomState FromSeed(long randomState) =>
        randomState is < 0 or > uint.MaxValue
            ? throw new ArgumentOutOfRangeException(nameof(randomState), randomState, "Seed must be between 0 and 2**32 - 1.")
            : new LegacyRandomState((uint)randomState);

    /// <summary>The next 32-bit output of MT19937.</summary>
    /// <returns>A uniformly distributed 32-bit integer.</returns>
    public uint NextUInt32()
    {
        if (_position == StateLength)
        {
            Regenerate();
        }

        var y = _key[_position++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        return y ^ (y >> 18);
    }

    /// <summary>
    /// A uniform integer in [0, <paramref name="max"/>] as NumPy's legacy <c>random_interval</c> draws it: 32-bit outputs
    /// masked to the smallest all-ones mask covering <paramref name="max"/>, redrawn while above it.
    /// </summary>
    /// <param name="max">The largest value (inclusive), below 2³².</param>
    /// <returns>The integer.</returns>
    public uint Interval(uint max)
    {
        if (max == 0)
        {
            return 0;
        }

        var mask = max;
        mask |= mask >> 1;
        mask |= mask >> 2;
        mask |= mask >> 4;
        mask |= mask >> 8;
        mask |= mask >> 16;
        uint value;
        while ((value = NextUInt32() & mask) > max)
        {
        }

        return value;
    }

    /// <summary>NumPy's <c>RandomState.permutation(n)</c>: 0 … n − 1 shuffled from the last position down (Fisher–Yates).</summary>
    /// <param name="count">n.</param>
    /// <returns>The permuted indices.</returns>
    public int[] Permutation(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var order = new int[count];
        for (var i = 0; i < count; i++)
        {
            order[i] = i;
        }

        for (var i = count - 1; i > 0; i--)
        {
            var j = (int)Interval((uint)i);
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order;
    }

    private void Regenerate()
    {
        for (var i = 0; i < StateLength; i++)
        {
            var y = (_key[i] & UpperMask) | (_key[(i + 1) % StateLength] & LowerMask);
            _key[i] = _key[(i + Shift) % StateLength] ^ (y >> 1) ^ ((y & 1) == 0 ? 0 : MatrixA);
        }

        _position = 0;
    }
}
