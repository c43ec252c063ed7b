import backprop_lib as bp

from .by_hand import sigma


def sigmoid_w1():
    x, target = bp.ONE_WEIGHT["x"], bp.ONE_WEIGHT["target"]
    w1, w2 = 0.5, 60.0
    a1 = sigma(w1 * x)
    return 2 * (w2 * a1 - target) * w2 * a1 * (1 - a1) * x


NUMBERS = {"02-sigmoid-w1": sigmoid_w1}
