using System.Text;

namespace Sift.Text;

/// <summary>The four Unicode normalisation forms (UAX #15).</summary>
internal enum NormalizationForm
{
    Nfc,
    Nfd,
    Nfkc,
    Nfkd,
}

/// <summary>
/// Unicode normalisation (UAX #15: decomposition, canonical ordering, canonical composition) from the
/// tables in <see cref="UnicodeNormalizationData"/>. Sift builds with InvariantGlobalization=true, so
/// .NET has no ICU and <see cref="string.Normalize()"/> cannot normalise; implementing the algorithm
/// from committed data keeps that guarantee (no culture data anywhere) and makes every machine
/// normalise identically whatever ICU it has, which is what a tokenizer must do.
/// </summary>
internal static class UnicodeNormalizer
{
    private const int SBase = 0xAC00, LBase = 0x1100, VBase = 0x1161, TBase = 0x11A7;
    private const int LCount = 19, VCount = 21, TCount = 28, NCount = VCount * TCount, SCount = LCount * NCount;

    private static readonly Lazy<Tables> Data = new(Tables.Parse);

    /// <summary>The text in <paramref name="form"/>.</summary>
    public static string Normalize(string text, NormalizationForm form)
    {
        // Below U+0300 there are no combining marks, and every precomposed character is already NFC.
        if (form == NormalizationForm.Nfc && IsAllBelow(text, '\u0300'))
            return text;
        // Below U+00A0 nothing decomposes at all (ASCII and C1 controls).
        if (IsAllBelow(text, '\u00A0'))
            return text;
        var t = Data.Value;
        bool compat = form is NormalizationForm.Nfkc or NormalizationForm.Nfkd;
        var cps = new List<int>(text.Length + 8);
        for (int i = 0; i < text.Length;)
        {
            int cp;
            if (Rune.DecodeFromUtf16(text.AsSpan(i), out Rune r, out int used) == System.Buffers.OperationStatus.Done)
                cp = r.Value;
            else
                cp = text[i]; // a lone surrogate passes through unchanged
            i += used > 0 ? used : 1;
            Decompose(t, cp, compat, cps);
        }
        Reorder(t, cps);
        if (form is NormalizationForm.Nfc or NormalizationForm.Nfkc)
            Compose(t, cps);
        var sb = new StringBuilder(cps.Count + 4);
        foreach (int cp in cps)
        {
            if (cp is >= 0xD800 and <= 0xDFFF)
                sb.Append((char)cp);
            else
                sb.Append(char.ConvertFromUtf32(cp));
        }
        return sb.ToString();
    }

    /// <summary>Canonical combining class of <paramref name="cp"/> (0 for starters).</summary>
    public static int CombiningClass(int cp) => Data.Value.Ccc.TryGetValue(cp, out byte c) ? c : 0;

    private static bool IsAllBelow(string s, char limit)
    {
        foreach (char c in s)
        {
            if (c >= limit)
                return false;
        }
        return true;
    }

    private static void Decompose(Tables t, int cp, bool compat, List<int> output)
    {
        int s = cp - SBase;
        if (s is >= 0 and < SCount)
        {
            output.Add(LBase + s / NCount);
            output.Add(VBase + s % NCount / TCount);
            if (s % TCount != 0)
                output.Add(TBase + s % TCount);
            return;
        }
        // The tables hold full (recursive) decompositions, so one lookup suffices.
        if (compat && t.Compatibility.TryGetValue(cp, out int[]? k))
            output.AddRange(k);
        else if (t.Canonical.TryGetValue(cp, out int[]? d))
            output.AddRange(d);
        else
            output.Add(cp);
    }

    // Canonical ordering: a stable sort of every run of non-starters by combining class.
    private static void Reorder(Tables t, List<int> cps)
    {
        for (int i = 1; i < cps.Count; i++)
        {
            int c = Ccc(t, cps[i]);
            if (c == 0)
                continue;
            int j = i;
            while (j > 0 && Ccc(t, cps[j - 1]) > c)
            {
                (cps[j - 1], cps[j]) = (cps[j], cps[j - 1]);
                j--;
            }
        }
    }

    // Canonical composition (UAX #15's reference algorithm): each character composes with the last
    // starter unless a character of the same or higher class, or a starter, stands between them.
    private static void Compose(Tables t, List<int> cps)
    {
        if (cps.Count == 0)
            return;
        int starterPos = 0;
        int starter = cps[0];
        int lastClass = Ccc(t, starter);
        if (lastClass != 0)
            lastClass = 256; // a leading non-starter blocks until the first starter
        int w = 1;
        for (int i = 1; i < cps.Count; i++)
        {
            int cp = cps[i];
            int c = Ccc(t, cp);
            int composed = ComposePair(t, starter, cp);
            if (composed >= 0 && (lastClass < c || lastClass == 0))
            {
                cps[starterPos] = composed;
                starter = composed;
                continue;
            }
            if (c == 0)
            {
                starterPos = w;
                starter = cp;
            }
            lastClass = c;
            cps[w++] = cp;
        }
        cps.RemoveRange(w, cps.Count - w);
    }

    private static int ComposePair(Tables t, int a, int b)
    {
        int l = a - LBase;
        if (l is >= 0 and < LCount)
        {
            int v = b - VBase;
            return v is >= 0 and < VCount ? SBase + (l * VCount + v) * TCount : -1;
        }
        int s = a - SBase;
        if (s is >= 0 and < SCount && s % TCount == 0)
        {
            int tt = b - TBase;
            return tt is > 0 and < TCount ? a + tt : -1;
        }
        return t.Composites.TryGetValue(((long)a << 21) | (uint)b, out int c) ? c : -1;
    }

    private static int Ccc(Tables t, int cp) => cp < 0x300 ? 0 : t.Ccc.TryGetValue(cp, out byte c) ? c : 0;

    private sealed class Tables
    {
        public Dictionary<int, byte> Ccc { get; } = [];

        public Dictionary<int, int[]> Canonical { get; } = [];

        public Dictionary<int, int[]> Compatibility { get; } = [];

        public Dictionary<long, int> Composites { get; } = [];

        public static Tables Parse()
        {
            var t = new Tables();
            foreach (var line in UnicodeNormalizationData.Table.AsSpan().EnumerateLines())
            {
                if (line.Length < 3)
                    continue;
                var fields = line[2..].ToString().Split(' ');
                int cp = Hex(fields[0]);
                switch (line[0])
                {
                    case 'C':
                        t.Ccc[cp] = byte.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
                        break;
                    case 'D':
                        t.Canonical[cp] = fields.Skip(1).Select(Hex).ToArray();
                        break;
                    case 'K':
                        t.Compatibility[cp] = fields.Skip(1).Select(Hex).ToArray();
                        break;
                    case 'P':
                        t.Composites[((long)cp << 21) | (uint)Hex(fields[1])] = Hex(fields[2]);
                        break;
                }
            }
            // A character whose compatibility form equals its canonical one is listed under D only.
            foreach (var (cp, d) in t.Canonical)
                t.Compatibility.TryAdd(cp, d);
            return t;
        }

        private static int Hex(string s) => int.Parse(s, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
    }
}
