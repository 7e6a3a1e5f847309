"""What trains a model, as in Keras 3's ``keras/src/trainers``: the ``Trainer`` (compile,
fit, evaluate, predict), the compile-time loss and metric dispatch, the data adapters."""
