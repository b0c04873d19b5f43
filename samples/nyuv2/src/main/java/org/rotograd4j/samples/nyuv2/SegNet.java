package org.rotograd4j.samples.nyuv2;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * The shared encoder-decoder of MTAN's SegNet (Badrinarayanan et al.; Liu et al.'s {@code
 * model_segnet_split.py}): a VGG-16-style encoder of five stages (2, 2, 3, 3 and 3 convolutions of 3x3
 * with batch normalization and ReLU, {@code filters} = width·{1, 2, 4, 8, 8}, each stage followed by 2x2
 * max-pooling) and a mirrored decoder whose stages upsample with the pooling switches (max-unpooling) and
 * convolve back down to {@code width} channels. Input {@code [B, 3, H, W]} with H, W at least 32 (five
 * poolings); output, the shared feature, {@code [B, width, H, W]}.
 *
 * <p>Max-unpooling puts each value where the encoder's maximum of the window was (the pooling switches) and
 * zeros elsewhere. DJL's pooling returns no indices, so the switches are recovered by comparing the pooled
 * values, upsampled, with the map before pooling; a window whose maximum appears twice has two switches
 * (PyTorch's {@code MaxUnpool2d} keeps one), which happens only for exact ties.
 */
public final class SegNet extends AbstractBlock {

    private static final byte VERSION = 1;
    private static final int STAGES = 5;
    /** The smallest side that survives the five 2x2 poolings. */
    public static final int MIN_SIDE = 1 << STAGES;

    private final int width;
    private final List<Block> encoder = new ArrayList<>();
    private final List<Block> decoder = new ArrayList<>();

    /**
     * Creates the encoder-decoder.
     *
     * @param width the filters of the first stage and of the output (MTAN: 64)
     */
    public SegNet(int width) {
        super(VERSION);
        if (width <= 0) {
            throw new IllegalArgumentException("the width must be positive, got " + width);
        }
        this.width = width;
        int[] filters = {width, 2 * width, 4 * width, 8 * width, 8 * width};
        for (int s = 0; s < STAGES; s++) {
            encoder.add(addChildBlock("encoder" + s, stage(filters[s], s < 2 ? 1 : 2)));
        }
        // decoder.get(s) undoes encoder stage s: from filters[s] channels to those of the stage above.
        for (int s = 0; s < STAGES; s++) {
            int out = s == 0 ? filters[0] : filters[s - 1];
            decoder.add(addChildBlock("decoder" + s, stage(out, s < 2 ? 1 : 2)));
        }
    }

    /** Returns the number of channels of the shared feature. */
    public int width() {
        return width;
    }

    /** A convolution to {@code filters} channels followed by {@code repeats} more at that width. */
    private static Block stage(int filters, int repeats) {
        SequentialBlock stage = new SequentialBlock().add(convolution(filters));
        for (int i = 0; i < repeats; i++) {
            stage.add(convolution(filters));
        }
        return stage;
    }

    /** MTAN's {@code conv_layer}: 3x3 convolution (padding 1), batch normalization, ReLU. */
    private static Block convolution(int filters) {
        return new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
                        .setFilters(filters).build())
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.head();
        checkSize(x.getShape());
        NDArray[] switches = new NDArray[STAGES];
        for (int s = 0; s < STAGES; s++) {
            NDArray beforePooling = encoder.get(s).forward(parameterStore, new NDList(x), training).head();
            x = Pool.maxPool2d(beforePooling, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false);
            switches[s] = switches(beforePooling, x);
        }
        for (int s = STAGES - 1; s >= 0; s--) {
            x = unpool(x, switches[s]);
            x = decoder.get(s).forward(parameterStore, new NDList(x), training).head();
        }
        return new NDList(x);
    }

    /**
     * The pooling switches: 1 where a value of the map before pooling is the maximum of its 2x2 window, 0
     * elsewhere (and in a trailing odd row or column, which pooling drops). Not differentiated.
     */
    static NDArray switches(NDArray beforePooling, NDArray pooled) {
        return beforePooling.eq(upsample(pooled, beforePooling.getShape())).toType(pooled.getDataType(), false);
    }

    /** Max-unpooling: each value of {@code x} goes to its window's switch, zeros elsewhere. */
    static NDArray unpool(NDArray x, NDArray switches) {
        return upsample(x, switches.getShape()).mul(switches);
    }

    /** Repeats each value of {@code x} over a 2x2 window and pads with zeros to the size of {@code like}. */
    private static NDArray upsample(NDArray x, Shape like) {
        NDArray up = x.repeat(2, 2).repeat(3, 2);
        long extraRows = like.get(2) - up.getShape().get(2);
        long extraColumns = like.get(3) - up.getShape().get(3);
        return extraRows > 0 || extraColumns > 0 ? up.pad(new Shape(0, extraColumns, 0, extraRows), 0) : up;
    }

    private static void checkSize(Shape input) {
        if (input.dimension() != 4 || input.get(2) < MIN_SIDE || input.get(3) < MIN_SIDE) {
            throw new IllegalArgumentException("SegNet takes images [B, 3, H, W] with H and W at least " + MIN_SIDE
                    + " (five 2x2 poolings), got " + input);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape input = inputShapes[0];
        checkSize(input);
        return new Shape[] {new Shape(input.get(0), width, input.get(2), input.get(3))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape shape = inputShapes[0];
        checkSize(shape);
        Shape[] beforePooling = new Shape[STAGES];
        for (int s = 0; s < STAGES; s++) {
            encoder.get(s).initialize(manager, dataType, shape);
            beforePooling[s] = encoder.get(s).getOutputShapes(new Shape[] {shape})[0];
            shape = new Shape(beforePooling[s].get(0), beforePooling[s].get(1), beforePooling[s].get(2) / 2,
                    beforePooling[s].get(3) / 2);
        }
        for (int s = STAGES - 1; s >= 0; s--) {
            Shape unpooled = new Shape(shape.get(0), shape.get(1), beforePooling[s].get(2), beforePooling[s].get(3));
            decoder.get(s).initialize(manager, dataType, unpooled);
            shape = decoder.get(s).getOutputShapes(new Shape[] {unpooled})[0];
        }
    }
}
