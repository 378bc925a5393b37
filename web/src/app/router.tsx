import { createBrowserRouter } from 'react-router';
import { requestTitleFocus } from '../ui/page-focus.ts';
import { routes } from './routes.tsx';

export const router = createBrowserRouter(routes);

// After the first navigation inside the application, each new page's <h1> takes focus.
const firstPath = router.state.location.pathname;
router.subscribe((state) => {
  if (state.location.pathname !== firstPath) requestTitleFocus();
});
