package org.rotograd4j.method;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import com.google.auto.service.AutoService;
import java.util.List;
import java.util.SplittableRandom;
import org.rotograd4j.train.GradientSpace;

/**
 * GradDrop (Chen et al., NeurIPS 2020): at every entry of the shared feature, the sign purity {@code P = ½(1 +
 * Σ_k G_k / Σ_k |G_k|)} is compared with a uniform draw U; only the positive task gradients are kept where
 * {@code P > U} and only the negative ones elsewhere, so that the kept gradients agree in sign. Cost per step:
 * O(K·|z|).
 *
 * <p>The paper drops entries of the gradient at a shared activation, as here on the shared feature.
 */
public final class GradDrop extends RandomizedMethod {

    /** The method's names, hyperparameters, paper and factory, for {@link Methods}. */
    public static final MethodDescriptor DESCRIPTOR = MethodDescriptor.builder("graddrop", "GradDrop")
            .summary("sign-purity dropout of gradient entries")
            .paper("Chen et al. 2020", GradientSpace.FEATURE)
            .hyperparameter(Hyperparameter.seed("the uniform draws"))
            .cost("O(K·d)")
            .factory(values -> new GradDrop((long) values[0]))
            .build();

    /**
     * Creates the method.
     *
     * @param seed the seed of the uniform draws
     * @throws IllegalArgumentException when the seed is negative or above {@link Hyperparameter#LARGEST_SEED}
     */
    public GradDrop(long seed) {
        super(seed);
    }

    @Override
    public MethodDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Combination combine(TaskGradients gradients) {
        NDList g = gradients.gradients();
        NDArray sum = g.get(0);
        NDArray absolute = g.get(0).abs();
        for (int k = 1; k < g.size(); k++) {
            sum = sum.add(g.get(k));
            absolute = absolute.add(g.get(k).abs());
        }
        NDArray purity = sum.div(absolute.maximum(1e-30)).add(1).mul(0.5);
        long rows = purity.getShape().get(0);
        int perRow = (int) (purity.size() / rows);
        float[] draws = new float[(int) purity.size()];
        for (int row = 0; row < rows; row++) {
            // Each sample's draws come from its index in the whole batch: a shard draws what the batch would.
            SplittableRandom random = sampleRandom(gradients.firstRow() + row);
            for (int i = 0; i < perRow; i++) {
                draws[row * perRow + i] = (float) random.nextDouble();
            }
        }
        NDArray uniform = purity.getManager().create(draws, purity.getShape()).toType(purity.getDataType(), false);
        NDArray keepPositive = purity.gt(uniform);
        NDArray combined = null;
        for (NDArray task : g) {
            NDArray kept = keepPositive.logicalAnd(task.gt(0)).logicalOr(keepPositive.logicalNot().logicalAnd(task.lt(0)));
            NDArray part = task.mul(kept.toType(task.getDataType(), false));
            combined = combined == null ? part : combined.add(part);
        }
        return new Combination(combined, Simplex.filled(g.size(), 1));
    }

    /** Registers {@link #DESCRIPTOR} with {@link Methods}. */
    @AutoService(MethodRegistration.class)
    public static final class Registration implements MethodRegistration {
        @Override
        public List<MethodDescriptor> descriptors() {
            return List.of(DESCRIPTOR);
        }
    }
}
