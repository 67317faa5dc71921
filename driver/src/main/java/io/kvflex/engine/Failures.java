package io.kvflex.engine;

import io.kvflex.errors.BugException;
import io.kvflex.errors.KvflexException;
import io.kvflex.errors.LocalWriteException;
import io.kvflex.errors.OutOfMemory;
import io.kvflex.errors.RemoteException;
import io.kvflex.errors.UserInputException;
import io.kvflex.options.VaultObjectSpec.ObjectRef;

/** Makes sure a failure names the object it is about, keeping its kind (who must act). */
final class Failures {
  private Failures() {}

  /**
   * The failure of one object's step. Taxonomy messages are kept (prefixed with the object when
   * they do not name it); anything else is a defect whose detail goes to the log only.
   */
  static KvflexException about(ObjectRef ref, String step, Throwable cause) {
    if (cause instanceof OutOfMemoryError) {
      return OutOfMemory.during(step + " " + ref.describe());
    }
    if (cause instanceof KvflexException k) {
      String message = String.valueOf(k.getMessage());
      if (message.contains(ref.name())) {
        return k;
      }
      return withMessage(k, ref.describe() + ": " + message);
    }
    return new BugException(
        "could not "
            + step
            + " "
            + ref.describe()
            + ": unexpected "
            + cause.getClass().getSimpleName()
            + "; this is a kvflex defect, the details are in the driver log",
        cause);
  }

  static KvflexException withMessage(KvflexException k, String message) {
    return switch (k.kind()) {
      case USER_INPUT -> new UserInputException(message, k);
      case REMOTE -> new RemoteException(message, k);
      case LOCAL_WRITE -> new LocalWriteException(message, k);
      case BUG -> new BugException(message, k);
    };
  }
}
