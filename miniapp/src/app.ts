import { PropsWithChildren } from 'react';
import './app.css';

/** App shell: pages guard their own login state (see services/session.ts). */
function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
