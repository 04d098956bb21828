package dev.liveloom.testkit;

/**
 * Burst loss as a two-state Markov chain (Gilbert–Elliott). Before each packet the chain moves from
 * GOOD to BAD with probability {@code goodToBad} and back with {@code badToGood}; the packet is then
 * lost with {@code lossInGood} or {@code lossInBad}. The mean burst (time in BAD) is {@code
 * 1 / badToGood} packets and the long-run loss is {@link #meanLoss()}.
 *
 * @param goodToBad probability of entering BAD from GOOD, per packet
 * @param badToGood probability of leaving BAD, per packet
 * @param lossInGood loss probability while GOOD (often 0)
 * @param lossInBad loss probability while BAD (often 1)
 */
public record GilbertElliott(double goodToBad, double badToGood, double lossInGood, double lossInBad) {

    public GilbertElliott {
        Impairments.checkProbability("goodToBad", goodToBad);
        Impairments.checkProbability("badToGood", badToGood);
        Impairments.checkProbability("lossInGood", lossInGood);
        Impairments.checkProbability("lossInBad", lossInBad);
        if (goodToBad > 0 && badToGood == 0) {
            throw new IllegalArgumentException("badToGood must be > 0 when goodToBad > 0 (BAD would never end)");
        }
    }

    /** The simple Gilbert model: every packet in BAD is lost, none in GOOD. */
    public static GilbertElliott gilbert(double goodToBad, double badToGood) {
        return new GilbertElliott(goodToBad, badToGood, 0, 1);
    }

    /** Share of time spent in BAD in the long run. */
    public double badShare() {
        return goodToBad + badToGood == 0 ? 0 : goodToBad / (goodToBad + badToGood);
    }

    /** Long-run share of packets lost. */
    public double meanLoss() {
        double bad = badShare();
        return (1 - bad) * lossInGood + bad * lossInBad;
    }
}
