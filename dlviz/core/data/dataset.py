"""The train/test container every dataset loader returns, and its split.

Loaders (bundled digits, generated shapes, a user's folder) all hand the
engine the same frozen ``Dataset``, so training code never cares where the
pictures came from.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True, eq=False)
class Dataset:
    """Images and integer labels, already split into train and test.

    ``eq=False`` because comparing NumPy arrays with ``==`` gives arrays, not
    a truth value; compare the fields explicitly when needed.

    Attributes:
        x_train: float32 images, shape (N, H, W, C), values in [0, 1].
        y_train: int64 labels, shape (N,), each in ``range(len(class_names))``.
        x_test: float32 images, shape (M, H, W, C).
        y_test: int64 labels, shape (M,).
        class_names: one human name per label.

    Example:
        >>> ds = Dataset(np.zeros((2, 4, 4, 1), np.float32), np.array([0, 1]),
        ...              np.zeros((0, 4, 4, 1), np.float32), np.array([], int),
        ...              ("a", "b"))
        >>> ds.num_classes, ds.input_shape
        (2, (4, 4, 1))
    """

    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    class_names: tuple[str, ...]

    def __post_init__(self):
        # A mismatch here would surface much later as a confusing Keras
        # shape error in the middle of training; fail where it is made.
        object.__setattr__(self, "class_names", tuple(str(c) for c in self.class_names))
        for x, y, part in ((self.x_train, self.y_train, "train"),
                           (self.x_test, self.y_test, "test")):
            if len(x) != len(y):
                raise ValueError(f"{part}: {len(x)} images but {len(y)} labels")
            if len(y) and (y.min() < 0 or y.max() >= len(self.class_names)):
                raise ValueError(f"{part}: labels outside 0..{len(self.class_names) - 1}")
        if self.x_train.shape[1:] != self.x_test.shape[1:]:
            raise ValueError(f"train images are {self.x_train.shape[1:]}, "
                             f"test images are {self.x_test.shape[1:]}")

    @property
    def num_classes(self) -> int:
        """How many classes (the width of the model's output layer)."""
        return len(self.class_names)

    @property
    def input_shape(self) -> tuple[int, ...]:
        """Shape of one image, (H, W, C): the model's input shape."""
        return tuple(self.x_train.shape[1:])

    def __repr__(self) -> str:
        # The default repr would print every pixel.
        return (f"Dataset(train={self.x_train.shape}, test={self.x_test.shape}, "
                f"classes={list(self.class_names)})")


def stratified_split(y: np.ndarray, test_fraction: float = 0.2,
                     seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Indices of a shuffled split that keeps each class's share in both parts.

    Written here rather than taken from scikit-learn so the split of a given
    seed never changes with a library upgrade: results stay comparable.

    Args:
        y: integer labels, shape (N,).
        test_fraction: share of each class that goes to the test part, in
            [0, 1). Each class with at least two items keeps one on each side.
        seed: the same seed always gives the same split.

    Returns:
        (train_indices, test_indices), each shuffled so classes are mixed.
    """
    if not 0.0 <= test_fraction < 1.0:
        raise ValueError(f"test_fraction must be in [0, 1), got {test_fraction}")
    y = np.asarray(y)
    rng = np.random.default_rng(seed)
    train, test = [], []
    for label in np.unique(y):
        members = rng.permutation(np.flatnonzero(y == label))
        n_test = int(round(len(members) * test_fraction))
        if test_fraction > 0 and len(members) >= 2:
            n_test = min(max(n_test, 1), len(members) - 1)
        test.append(members[:n_test])
        train.append(members[n_test:])
    empty = np.array([], dtype=np.int64)
    train_idx = rng.permutation(np.concatenate(train)) if train else empty
    test_idx = rng.permutation(np.concatenate(test)) if test else empty
    return train_idx.astype(np.int64), test_idx.astype(np.int64)


def split_dataset(x: np.ndarray, y: np.ndarray, class_names, *,
                  test_fraction: float = 0.2, seed: int = 0) -> Dataset:
    """Split images and labels with :func:`stratified_split` into a Dataset."""
    y = np.asarray(y, dtype=np.int64)
    train_idx, test_idx = stratified_split(y, test_fraction, seed)
    return Dataset(x[train_idx], y[train_idx], x[test_idx], y[test_idx],
                   tuple(class_names))
