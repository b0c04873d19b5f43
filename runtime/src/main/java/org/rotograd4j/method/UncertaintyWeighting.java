package org.rotograd4j.method;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;
import com.google.auto.service.AutoService;
import java.util.List;
import org.rotograd4j.Scalars;

/**
 * Uncertainty weighting (Kendall et al., CVPR 2018), as LibMTL writes it: the loss {@code Σ_k L_k / (2 e^{s_k})
 * + s_k / 2} with learned log-variances {@code s} (from 0, with the rotations' optimizer). Backbone and heads
 * receive the weighted task gradients, {@code w_k = 1 / (2 e^{s_k})}. Cost per step: O(K·|z|).
 */
public final class UncertaintyWeighting implements MultiTaskMethod {

    /** The method's names, hyperparameters, paper and factory, for {@link Methods}. */
    public static final MethodDescriptor DESCRIPTOR = MethodDescriptor.builder("uw", "UW")
            .summary("uncertainty weighting")
            .paper("Kendall et al. 2018", null)
            .cost("O(K·d)")
            .factory(values -> new UncertaintyWeighting())
            .build();

    private Parameter logVariances;

    @Override
    public MethodDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void initialize(NDManager manager, DataType dataType, int numTasks) {
        logVariances = Parameter.builder().setName("log_variances").setType(Parameter.Type.OTHER)
                .optShape(new Shape(numTasks)).optInitializer(Initializer.ZEROS).build();
        logVariances.initialize(manager, dataType);
    }

    @Override
    public List<Parameter> parameters() {
        return logVariances == null ? List.of() : List.of(logVariances);
    }

    @Override
    public Combination combine(TaskGradients gradients) {
        NDArray s = logVariances.getArray();
        NDArray precision = Scalars.times(s.neg().exp(), 0.5);
        double[] weights = precision.toType(DataType.FLOAT64, false).toDoubleArray();
        NDArray losses = s.getManager().create(gradients.losses()).toType(s.getDataType(), true);
        NDArray objective = precision.mul(losses).add(Scalars.times(s, 0.5)).sum();
        return new Combination(MultiTaskMethod.weightedSum(gradients.gradients(), weights), weights, objective, weights);
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
