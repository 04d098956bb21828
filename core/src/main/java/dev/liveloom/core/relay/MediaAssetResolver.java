package dev.liveloom.core.relay;

/**
 * Turns a VOD media asset ID into a playable http(s) URL (.mp4 or .flv). Supplied by the host;
 * called when an item is about to play, on a liveloom thread: it must not block for long.
 */
@FunctionalInterface
public interface MediaAssetResolver {
    /**
     * @return the URL of the asset
     * @throws IllegalArgumentException when the asset is unknown (the item is skipped with an event)
     */
    String resolve(String assetId);
}
