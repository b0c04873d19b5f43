package org.rotograd4j.samples.illustrative;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/** A task loss {@code φ(r, o)}: the prediction is the point r, the label is the task's optimum o. */
final class LandscapeLoss extends Loss {

    private final Landscape landscape;

    LandscapeLoss(String name, Landscape landscape) {
        super(name);
        this.landscape = landscape;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray u = predictions.singletonOrThrow().sub(labels.singletonOrThrow());
        return landscape.evaluate(u.get(":, 0"), u.get(":, 1")).mean();
    }
}
