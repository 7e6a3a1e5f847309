"""Callbacks with Keras's names and arguments."""

from course.keras.callbacks.callback import Callback, CallbackList
from course.keras.callbacks.csv_logger import CSVLogger
from course.keras.callbacks.early_stopping import EarlyStopping
from course.keras.callbacks.history import History
from course.keras.callbacks.lambda_callback import LambdaCallback
from course.keras.callbacks.learning_rate_scheduler import LearningRateScheduler
from course.keras.callbacks.model_checkpoint import ModelCheckpoint
from course.keras.callbacks.progbar_logger import ProgbarLogger
from course.keras.callbacks.reduce_lr_on_plateau import ReduceLROnPlateau
from course.keras.callbacks.terminate_on_nan import TerminateOnNaN

__all__ = ["Callback", "CallbackList", "CSVLogger", "EarlyStopping", "History",
           "LambdaCallback", "LearningRateScheduler", "ModelCheckpoint", "ProgbarLogger",
           "ReduceLROnPlateau", "TerminateOnNaN"]
