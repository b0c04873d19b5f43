package org.rotograd4j.rotation;

/** Which axis of the shared feature a rotation acts on; both are axis 1 in DJL's channels-first layout. */
public enum FeatureAxis {
    /** The features of a vector feature {@code [B, d]}. */
    FEATURES,
    /** The channels of a shaped feature such as a conv map {@code [B, C, H, W]}, at every position. */
    CHANNELS
}
